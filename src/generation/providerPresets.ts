/** A known service users can pick in "Inkwell: Choose Provider". */
export interface ProviderPreset {
  id: string;
  label: string;
  description: string;
  kind: 'openai' | 'azure';
  /** Empty for presets whose URL is per user (Azure, custom). */
  baseUrl: string;
  model: string;
  needsKey: boolean;
  /** Where users get a key, shown in the key prompt. */
  keyHint?: string;
}

export const providerPresets: readonly ProviderPreset[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    description: 'api.openai.com',
    kind: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    needsKey: true,
    keyHint: 'platform.openai.com → API keys',
  },
  {
    id: 'azure',
    label: 'Azure OpenAI',
    description: 'your Azure resource; the deployment name is the model',
    kind: 'azure',
    baseUrl: '',
    model: 'gpt-4o-mini',
    needsKey: true,
    keyHint: 'Azure portal → your OpenAI resource → Keys and Endpoint',
  },
  {
    id: 'deepseek',
    label: 'DeepSeek',
    description: 'api.deepseek.com',
    kind: 'openai',
    baseUrl: 'https://api.deepseek.com/v1',
    model: 'deepseek-chat',
    needsKey: true,
    keyHint: 'platform.deepseek.com → API keys',
  },
  {
    id: 'qwen',
    label: 'Qwen (DashScope compatible mode)',
    description: 'Alibaba Cloud Model Studio',
    kind: 'openai',
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    model: 'qwen-plus',
    needsKey: true,
    keyHint: 'Model Studio console → API-KEY',
  },
  {
    id: 'moonshot',
    label: 'Moonshot / Kimi',
    description: 'api.moonshot.cn',
    kind: 'openai',
    baseUrl: 'https://api.moonshot.cn/v1',
    model: 'moonshot-v1-32k',
    needsKey: true,
    keyHint: 'platform.moonshot.cn → API keys',
  },
  {
    id: 'zhipu',
    label: 'Zhipu GLM',
    description: 'open.bigmodel.cn',
    kind: 'openai',
    baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
    model: 'glm-4-flash',
    needsKey: true,
    keyHint: 'open.bigmodel.cn → API keys',
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    description: 'many models behind one key',
    kind: 'openai',
    baseUrl: 'https://openrouter.ai/api/v1',
    model: 'openai/gpt-4o-mini',
    needsKey: true,
    keyHint: 'openrouter.ai → Keys',
  },
  {
    id: 'ollama',
    label: 'Ollama',
    description: 'local, no key needed',
    kind: 'openai',
    baseUrl: 'http://localhost:11434/v1',
    model: 'llama3.1',
    needsKey: false,
  },
  {
    id: 'lmstudio',
    label: 'LM Studio',
    description: 'local, no key needed',
    kind: 'openai',
    baseUrl: 'http://localhost:1234/v1',
    model: 'local-model',
    needsKey: false,
  },
  {
    id: 'custom',
    label: 'Custom OpenAI-compatible endpoint',
    description: 'vLLM, a proxy, anything that speaks /v1/chat/completions',
    kind: 'openai',
    baseUrl: '',
    model: '',
    needsKey: true,
  },
];

export function findPreset(id: string): ProviderPreset | undefined {
  return providerPresets.find((preset) => preset.id === id);
}
